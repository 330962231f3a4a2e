// The renderer's entry: styles, then the app.
import { createRoot } from 'react-dom/client';
import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(<App />);

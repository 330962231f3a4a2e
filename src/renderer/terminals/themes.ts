// Terminal colours for the light and dark themes (xterm.js ITheme).
import type { ITheme } from '@xterm/xterm';

export const darkTheme: ITheme = {
  background: '#1b1e24',
  foreground: '#d8dee9',
  cursor: '#f0c674',
  selectionBackground: '#3b4252',
  black: '#2e3440', red: '#e06c75', green: '#98c379', yellow: '#e5c07b', blue: '#61afef', magenta: '#c678dd', cyan: '#56b6c2', white: '#d8dee9',
  brightBlack: '#5c6370', brightRed: '#ff7b86', brightGreen: '#b5e890', brightYellow: '#ffd68a', brightBlue: '#8cc8ff', brightMagenta: '#e09cf5', brightCyan: '#7fd4df', brightWhite: '#ffffff',
};

export const lightTheme: ITheme = {
  background: '#fbfbfa',
  foreground: '#24292f',
  cursor: '#0969da',
  selectionBackground: '#c8d8f0',
  black: '#24292f', red: '#cf222e', green: '#116329', yellow: '#7d4e00', blue: '#0550ae', magenta: '#8250df', cyan: '#1b7c83', white: '#6e7781',
  brightBlack: '#57606a', brightRed: '#a40e26', brightGreen: '#1a7f37', brightYellow: '#633c01', brightBlue: '#218bff', brightMagenta: '#a475f9', brightCyan: '#3192aa', brightWhite: '#8c959f',
};

/** Korean needs a font with Hangul; a mono CJK font keeps wide characters two cells wide. */
export const FONT_FAMILY = '"D2Coding", "Noto Sans Mono CJK KR", "Nanum Gothic Coding", Menlo, Consolas, "DejaVu Sans Mono", monospace';

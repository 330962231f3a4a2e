// names.SimpleNameGenerator: generateName plus five random characters from an
// alphabet without vowels (no accidental words) or look-alikes (0, 1, 3).

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const RANDOM_LENGTH = 5;
const MAX_NAME_LENGTH = 63;
const MAX_GENERATED_BASE_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

export function randomSuffix(random: () => number = Math.random, length = RANDOM_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length];
  return out;
}

export function generateName(base: string, random: () => number = Math.random): string {
  return `${base.length > MAX_GENERATED_BASE_LENGTH ? base.slice(0, MAX_GENERATED_BASE_LENGTH) : base}${randomSuffix(random)}`;
}

// resource.Quantity on the wire: which strings kube-apiserver accepts, and its errors
// (k8s.io/apimachinery/pkg/api/resource ParseQuantity).

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);

/** Returns the error text ParseQuantity would give, or undefined when the string is a quantity. */
export function quantityError(str: string): string | undefined {
  if (str.length === 0) return QUANTITY_FORMAT_ERROR;
  if (str === '0') return undefined;
  // Sign, digits, optional fraction, then a suffix of [eEinumkKMGTP]* with an optional signed exponent.
  const m = /^[+-]?[0-9]*(?:\.[0-9]*)?/.exec(str)!;
  let pos = m[0].length;
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < str.length && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') pos++;
  if (pos < str.length) return QUANTITY_FORMAT_ERROR;
  const suffix = str.slice(suffixStart);
  if (SUFFIXES.has(suffix)) return undefined;
  // A decimal exponent: e or E followed by an integer.
  if (/^[eE][+-]?[0-9]+$/.test(suffix)) return undefined;
  return QUANTITY_SUFFIX_ERROR;
}

const DEC_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DEC_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/**
 * The string a quantity is written back as (Quantity.MarshalJSON / CanonicalizeBytes):
 * "0.5" → "500m", "1.5Gi" → "1536Mi", "1000m" → "1". Precondition: quantityError(str) is undefined.
 */
export function canonicalQuantity(str: string): string {
  const m = /^([+-]?)0*([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(str);
  if (!m || str === '0') return '0';
  const negative = m[1] === '-';
  const num = m[2] || '0';
  const denom = m[3] ?? '';
  const suffix = m[4];
  let base = 10;
  let exponent: number;
  let format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent' = 'DecimalSI';
  if (suffix in DEC_EXP) exponent = DEC_EXP[suffix];
  else if (BIN_SUFFIX.includes(suffix)) {
    base = 2;
    exponent = BIN_SUFFIX.indexOf(suffix) * 10;
    format = 'BinarySI';
  } else {
    exponent = Number(suffix.slice(1));
    format = 'DecimalExponent';
  }
  // The value is mantissa × 10^scale, exactly.
  let mantissa = BigInt(num + denom);
  let scale = -denom.length;
  if (base === 10) scale += exponent;
  else mantissa *= 2n ** BigInt(exponent);
  // Rounded up to nano units, as upstream never keeps more precision.
  if (scale < -9) {
    const d = 10n ** BigInt(-9 - scale);
    mantissa = (mantissa + d - 1n) / d;
    scale = -9;
  }
  if (mantissa === 0n) return '0';
  const sign = negative ? '-' : '';
  if (format === 'BinarySI') {
    const exact = scale >= 0 ? mantissa * 10n ** BigInt(scale) : mantissa % 10n ** BigInt(-scale) === 0n ? mantissa / 10n ** BigInt(-scale) : undefined;
    if (exact !== undefined && exact >= 1024n) {
      let v = exact;
      let e = 0;
      while (v >= 1024n && v % 1024n === 0n) {
        v /= 1024n;
        e++;
      }
      return `${sign}${v}${BIN_SUFFIX[e] ?? ''}`;
    }
    // Below 1024, or not a whole number: shown as DecimalSI so that no precision is lost.
    format = 'DecimalSI';
  }
  while (mantissa >= 10n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale++;
  }
  while (((scale % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    scale--;
  }
  const suffixOut = format === 'DecimalExponent' ? (scale === 0 ? '' : `e${scale}`) : (DEC_SUFFIX[scale] ?? '');
  return `${sign}${mantissa}${suffixOut}`;
}

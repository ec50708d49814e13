/**
 * Java's `String.split(separator)` for a literal one-character separator: trailing empty strings
 * are dropped, and a text without the separator is returned whole. Kafka's spec parsing
 * (`renames`, Cast's `spec`) depends on it: `a:b:` is two parts, `a:` one.
 */
export function splitLikeJava(text: string, separator: string): string[] {
  if (!text.includes(separator)) return [text];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** "Lantern <giving@lantern.example>" → "giving@lantern.example": where people can write to us. */
export function contactAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

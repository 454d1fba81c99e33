/** The numeric id in a route parameter, or null when the address holds anything else. */
export function idParam(value: string | undefined): number | null {
  return value && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

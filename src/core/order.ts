/** Code-unit order, as Neo4j sorts strings (localeCompare would not agree with ORDER BY). */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

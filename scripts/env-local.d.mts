// Types of env-local.mjs for the TypeScript that imports it (the lotgraph command).
export function envFilePath(env?: NodeJS.ProcessEnv): string;
export function readEnvFile(file?: string): Record<string, string>;
export function withEnvFile(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function writeEnvValues(values: Record<string, string | number>, comments?: string[], file?: string): void;

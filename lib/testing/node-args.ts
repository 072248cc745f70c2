// How tests start a TypeScript entry point in a child process: as `npm run cli` does, with tsx and the
// "react-server" condition (lib/data starts with `import "server-only"`, which only that condition allows).
export const TSX_NODE_ARGS = ["--conditions=react-server", "--import", "tsx"] as const;

// Fixed colours: SVG presentation attributes take plain values, and these read well in light and dark.
export const PALETTE = ["#6366f1", "#10b981", "#f59e0b", "#f43f5e", "#0ea5e9", "#8b5cf6", "#64748b", "#14b8a6", "#eab308", "#ec4899", "#84cc16", "#a855f7"];
export const AXIS = { stroke: "#94a3b8", fontSize: 12 };

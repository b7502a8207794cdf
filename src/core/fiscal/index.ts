export * from "./era.js";
export * from "./fiscal-year.js";
export * from "./japanese-date.js";
export * from "./japan-time.js";

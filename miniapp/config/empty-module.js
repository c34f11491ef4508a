// Stands in for polyfills that every browser in our browserslist already has (see config/index.ts).
export {};

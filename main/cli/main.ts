// Placeholder entry replaced by the CLI below in this same change set.
export {};

// Stylesheets are imported for their side effect only; tests render structure, not styles.
export {}

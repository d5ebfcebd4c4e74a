// The service's canonical form of a document (JsonDocuments.canonical): members sorted by name at every level,
// compact. Equal for the documents of bench/scale (ASCII names and strings, integers, booleans).
export function canonical(value) {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}


/**
 * Largest model JSON file read (the single file, or model.json), refused before it is decoded or parsed. The
 * largest network the importer accepts (64 MB of weights) is 85 MB in base64, plus well under
 * 1 MB of topology and metadata; the app's default models export under 100 kB (network) and about 1 MB (trees).
 */
export const MAX_MODEL_JSON_BYTES = 100_000_000;

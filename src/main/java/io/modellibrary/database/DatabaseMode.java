package io.modellibrary.database;

/**
 * Which database this server runs on. The embedded one is the zero-setup development
 * default; a configured MongoDB means a real deployment, where, for example, the JWT
 * secret must be given rather than generated (docs/http-contract.md#tokens).
 */
public record DatabaseMode(boolean embedded) {
}

/** Most aggregations one request may ask for (Cloud Firestore's limit). */
export const MAX_AGGREGATIONS = 5
/** Longest alias, in UTF-8 bytes (a Cloud Firestore field name's limit). */
export const MAX_ALIAS_BYTES = 1500

/** Kafka Connect's Values utility: text rendering, text parsing with type inference, conversions. */
export { convertToString, formatDateValue } from './values-format.js';
export { parseString } from './values-parse.js';
export { asDouble, asLong, convertTo, inferSchema } from './values-convert.js';

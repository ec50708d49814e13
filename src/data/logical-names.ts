/** Names of Connect's built-in logical types, apart from their modules to keep imports acyclic. */
export const DECIMAL_LOGICAL_NAME = 'org.apache.kafka.connect.data.Decimal';
export const DATE_LOGICAL_NAME = 'org.apache.kafka.connect.data.Date';
export const TIME_LOGICAL_NAME = 'org.apache.kafka.connect.data.Time';
export const TIMESTAMP_LOGICAL_NAME = 'org.apache.kafka.connect.data.Timestamp';

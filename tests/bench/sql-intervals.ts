// Interval arithmetic for the bench's generated SQL. A float turned into text and cast to an interval
// (`(x || ' hours')::interval`) breaks when PostgreSQL prints the float in exponent form
// ("4.1e-05 hours" is not an interval), which random() does now and then; multiplying an interval
// by the number never goes through text.

/** SQL: `timestamp` plus `hours` (any numeric SQL expression, fractions included). */
export function plusHours(timestamp: string, hours: string): string {
  return `(${timestamp} + (${hours}) * interval '1 hour')`;
}

/** SQL: `timestamp` plus `seconds` (any numeric SQL expression, fractions included). */
export function plusSeconds(timestamp: string, seconds: string): string {
  return `(${timestamp} + (${seconds}) * interval '1 second')`;
}

/**
 * Metrics as CloudWatch Embedded Metric Format: fields added to a structured log line that
 * CloudWatch Logs turns into metrics, with no API call and no agent in the Lambda. Dimensions are
 * low-cardinality (runner, outcome); tenantId and jobId stay plain fields of the same line, so a
 * metric's spike leads straight to the tenant's log lines.
 */
export const JOBS_NAMESPACE = 'OptimalHR/Jobs';

export type MetricUnit = 'Count' | 'Milliseconds';

/** The `_aws` block and the values for one log line. */
export function embeddedMetrics(
  namespace: string,
  dimensions: Record<string, string>,
  metrics: Record<string, { value: number; unit: MetricUnit }>,
  at: Date,
): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [{
        Namespace: namespace,
        Dimensions: [Object.keys(dimensions)],
        Metrics: Object.entries(metrics).map(([name, { unit }]) => ({ Name: name, Unit: unit })),
      }],
    },
    ...dimensions,
    ...Object.fromEntries(Object.entries(metrics).map(([name, { value }]) => [name, value])),
  };
}

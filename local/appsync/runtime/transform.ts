/** `util.transform`. `toElasticsearchQueryDSL` is left out: the project has no OpenSearch data source. */
import { renderFilter } from './filter-expression.ts';
import { toSubscriptionFilter } from './subscription-filter.ts';

function renderToJson(filter: unknown): string | null {
  const rendered = renderFilter(filter);
  return rendered === null ? null : JSON.stringify(rendered);
}

/** Builds `util.transform`; the DynamoDB transforms answer a JSON string, or `null` for a bad filter. */
export function createTransformUtil() {
  return {
    toDynamoDBFilterExpression: (filter: unknown) => renderToJson(filter),
    // AppSync renders conditions exactly like filters (`size`, `attributeExists` work in both)
    toDynamoDBConditionExpression: (condition: unknown) => renderToJson(condition),
    toSubscriptionFilter,
  };
}

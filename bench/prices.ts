/**
 * AWS list prices for the services an order uses, in one region, with where each figure was read and when. The
 * official pricing pages render most figures in the browser; where the stored copy of the page shows no figure, the
 * source named is the one that did (a third party quoting the page), and says so. Free tiers are left out: the cost
 * of an order is what it adds to a bill past them.
 */
export const priceList = {
  region: 'us-east-1',
  readOn: '2026-12-02',
  prices: {
    stateTransitions: {
      usd: 0.025,
      per: 1000,
      unit: 'state transitions (Step Functions Standard)',
      source:
        'aws.amazon.com/step-functions/pricing/ — table "Price per 1,000 state transitions", US East (N. Virginia) $0.0250',
    },
    lambdaRequests: {
      usd: 0.2,
      per: 1_000_000,
      unit: 'Lambda requests',
      source:
        'aws.amazon.com/lambda/pricing/ (figure rendered in the browser); $0.20 per 1M as quoted for US East by cloudchipr.com "AWS Lambda Pricing Breakdown" and the Lambda pricing transcription of api-evangelist/aws-lambda',
    },
    lambdaArmGbSecond: {
      usd: 0.0000133334,
      per: 1,
      unit: 'GB-s of Lambda on Arm (infra/ deploys arm64; the first 7.5 billion GB-s a month)',
      source:
        'aws.amazon.com/lambda/pricing/ (figure rendered in the browser); $0.0000133334 as quoted for US East by cloudchipr.com "AWS Lambda Pricing Breakdown" and artillery\'s lib/platform/aws-lambda/prices.js (base arm64)',
    },
    writeRequestUnits: {
      usd: 0.625,
      per: 1_000_000,
      unit: 'DynamoDB on-demand write request units',
      source:
        'aws.amazon.com/dynamodb/pricing/on-demand/ (figure rendered in the browser); $0.625 per 1M for US East as quoted by airbyte.com "Amazon DynamoDB Pricing" after the 50% on-demand cut of 1 November 2024',
    },
    readRequestUnits: {
      usd: 0.125,
      per: 1_000_000,
      unit: 'DynamoDB on-demand read request units',
      source: 'as the write request units: $0.125 per 1M for US East (airbyte.com, after the November 2024 cut)',
    },
    customEvents: {
      usd: 1,
      per: 1_000_000,
      unit: "EventBridge custom events (a 64 KB chunk each; AWS services' own are free)",
      source:
        'aws.amazon.com/eventbridge/pricing/ (64 KB chunks, management events free; figure rendered in the browser); $1.00 per 1M as quoted by blog.awsfundamentals.com and cloudburn.io (US East, March 2026)',
    },
    emails: {
      usd: 0.1,
      per: 1000,
      unit: 'SES e-mails, billed per recipient (à la carte)',
      source:
        'aws.amazon.com/ses/pricing/ (figure rendered in the browser); $0.0001 per outbound recipient in the AWS Price List for AmazonSES us-east-1 as transcribed by api-evangelist/amazon-ses (publication 2026-07-22), which also lists the Essentials plan at $0.00016 per e-mail',
    },
    attachmentGb: {
      usd: 0.12,
      per: 1,
      unit: 'GB of SES attachments (counted here as GiB, 2^30 bytes)',
      source: 'the same AmazonSES us-east-1 price list transcription (AttachmentsSize-Bytes, $0.12 per GB)',
    },
    apiRequests: {
      usd: 1,
      per: 1_000_000,
      unit: 'HTTP API requests (the first 300M a month; 512 KB each)',
      source:
        'aws.amazon.com/api-gateway/pricing/ (figure rendered in the browser); $1.00 per 1M for the first 300M in US East as quoted by learnaws.org "API Gateway Pricing" and awsforengineers.com (May 2025)',
    },
  },
} as const;

export type PriceName = keyof typeof priceList.prices;

/** Dollars for `quantity` of what `name` prices. */
export const dollars = (name: PriceName, quantity: number) => {
  const price = priceList.prices[name];
  return (quantity / price.per) * price.usd;
};

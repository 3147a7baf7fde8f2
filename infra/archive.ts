import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** Where the monthly table exports go in the archive bucket: `exports/<YYYY-MM>/AWSDynamoDB/<export id>/…`. */
export const archiveExports = 'exports/';

/**
 * R42: the archive of the table — a full export a month (functions/operations/table-archive.ts) — kept safe beyond
 * point-in-time recovery's 35 days: encrypted, TLS only, never public, versioned, retained when the stack goes, and
 * moved to colder storage as it ages (docs/operations.md, "Archive and backup").
 */
export function archiveBucket(scope: Construct) {
  const bucket = new Bucket(scope, 'Archive', {
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [
      {
        id: 'exports-to-cold-storage',
        prefix: archiveExports,
        transitions: [
          { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          { storageClass: StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(365) },
        ],
        // An export overwritten or deleted by mistake can be brought back for a while.
        noncurrentVersionExpiration: Duration.days(90),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      "Only DynamoDB's export writes here, started by the table-archive worker's role, and CloudTrail records every " +
      'ExportTableToPointInTime call; server access logs would need a log bucket of their own, with its own logs.',
  });
  return bucket;
}

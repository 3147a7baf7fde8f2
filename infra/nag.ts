/**
 * A resolved value as cdk-nag writes it in a finding's id (its `flattenCfnReference`): `Fn::Join` flattened,
 * `Ref` as `<Name>`, `Fn::GetAtt` as `<Id.Attribute>`, `Fn::ImportValue` as the export's name. Acknowledgements
 * are computed with it from the very values the grants use, never copied from a report.
 */
export function asNagNamesIt(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as {
    Ref?: string;
    'Fn::GetAtt'?: [string, string];
    'Fn::Join'?: [string, unknown[]];
    'Fn::ImportValue'?: unknown;
  };
  if (node.Ref) return `<${node.Ref}>`;
  if (node['Fn::GetAtt']) return `<${node['Fn::GetAtt'].join('.')}>`;
  if (node['Fn::Join']) return node['Fn::Join'][1].map(asNagNamesIt).join(node['Fn::Join'][0]);
  if (node['Fn::ImportValue']) return asNagNamesIt(node['Fn::ImportValue']);
  throw new Error(`cannot name ${JSON.stringify(value)} as cdk-nag does`);
}

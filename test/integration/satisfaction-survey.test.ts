import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoCustomers, loadDemoData } from '../../scripts/offline/demo-data.ts';
import { port } from '../../shared/runtime.ts';
import { passOnboarding, postDecision } from './approvals.ts';
import { testStack } from './stack.ts';
import { auditTimeToLive } from './ttl-audit.ts';

/**
 * R43: the yearly satisfaction survey. The active customer's contact gets one e-mail with a link of their own; the
 * page takes three modules of ratings; the answer is stored once with its weighted score, and the event carries it.
 */
describe('the yearly customer satisfaction survey (R43)', async () => {
  const stack = await testStack();
  const { call } = stack;
  const { customerIds } = await loadDemoData({ table: port('table'), clock: port('clock'), ids: port('ids') });
  await passOnboarding(stack, demoCustomers[0] as (typeof demoCustomers)[number]);
  const contact = 'li.wei@huaxin.example';
  const runSchedule = async () => {
    const run = await fetch(
      `${stack.url}/_local/schedules/satisfaction-survey?at=${encodeURIComponent('2027-01-15T01:00:00.000Z')}`,
      { method: 'POST' },
    );
    expect(run.ok).toBe(true);
    await stack.settle();
  };
  const invitations = () => stack.mailbox.list().filter((m) => m.template === 'satisfaction-survey');
  const linkOf = () => invitations()[0]?.links.find((l) => l.includes('/survey-links/')) as string;
  const allFives = {
    'overall.price': '5',
    'overall.delivery': '5',
    'overall.use': '5',
    'service.response': '5',
    'service.efficiency': '5',
    'service.effectiveness': '5',
    'quality.quality': '5',
    'quality.safety': '5',
  };
  const asLeader = { role: 'leader' as const, email: 'xu.ming@factory.example' };

  it("mails each active customer's contacts once, with a link of their own, however often it runs", async () => {
    await runSchedule();
    await runSchedule();
    expect(invitations().map((m) => m.to)).toEqual([[contact]]);
    const [mail] = invitations();
    expect(mail?.subject).toContain('2027 年度顾客满意度调查');
    expect(linkOf()).toMatch(/\/survey-links\/[A-Za-z0-9_-]{43}$/);
  });

  it('shows the three modules in the contact’s language; an unknown link is not found', async () => {
    const page = await fetch(linkOf());
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const words of ['顾客整体满意度', '顾客服务满意度', '顾客产品质量满意度', '价格', '质量安全', '建议']) {
      expect(html).toContain(words);
    }
    expect(html).toContain('华信');
    expect((await fetch(`${stack.url}/survey-links/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${stack.url}/survey-links/nonsense`)).status).toBe(404);
  });

  it('brings the form back with each problem beside its field, recording nothing', async () => {
    const refused = await postDecision(linkOf(), { ...allFives, 'overall.price': '9', 'quality.safety': '' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('没有记录');
    expect(refused.html.match(/请选择 1 至 5 分/g)).toHaveLength(2);
    expect(refused.html).toMatch(/name="overall.delivery" value="5" checked/);
    const year = await call('GET', '/surveys?year=2027', { as: asLeader });
    expect(year.body).toEqual({ year: 2027, customers: [], answers: [] });
  });

  it('stores the answer once with its weighted score, and emits SatisfactionSurveyAnswered', async () => {
    // overall 5,4,3 → 30 + 28 + 21 = 79; service 4s → 80; quality 5,5 → 100: 0.3×79 + 0.3×80 + 0.4×100 = 87.7
    const answer = {
      ...allFives,
      'overall.delivery': '4',
      'overall.use': '3',
      'service.response': '4',
      'service.efficiency': '4',
      'service.effectiveness': '4',
      'overall.suggestions': '交期再快一点 faster delivery, please',
    };
    const answered = await postDecision(linkOf(), answer);
    expect(answered.status).toBe(200);
    expect(answered.html).toContain('已收到您的答复');
    const again = await postDecision(linkOf(), allFives);
    expect(again.status).toBe(200);
    expect(again.html).toContain('您今年已填写过本调查');
    expect((await fetch(linkOf())).status).toBe(200);
    await stack.settle();

    const year = await call('GET', '/surveys?year=2027', { as: asLeader });
    expect(year.status).toBe(200);
    expect(year.body.customers).toEqual([
      { customerId: customerIds['001'], customerCode: '001', answers: 1, average: 87.7 },
    ]);
    expect(year.body.answers).toMatchObject([
      {
        respondent: contact,
        modules: { overall: 79, service: 80, quality: 100 },
        score: 87.7,
        suggestions: { overall: '交期再快一点 faster delivery, please' },
      },
    ]);
    expect((await call('GET', '/surveys?year=2027', { as: { role: 'customer' } })).status).toBe(403);
    expect((await call('GET', '/surveys?year=twenty', { as: asLeader })).status).toBe(400);

    const { Items = [] } = await port('table').client.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'entity = :event',
        ExpressionAttributeValues: { ':event': 'event' },
      }),
    );
    const events = Items.filter((item) => item.event?.type === 'SatisfactionSurveyAnswered');
    expect(events).toHaveLength(1);
    expect(events[0]?.event.data.answer).toMatchObject({
      year: 2027,
      customerId: customerIds['001'],
      customerCode: '001',
      respondent: contact,
      modules: { overall: 79, service: 80, quality: 100 },
      score: 87.7,
    });
    expect(await auditTimeToLive()).toBeGreaterThan(0);
  });
});

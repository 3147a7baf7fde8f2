import { describe, expect, it } from 'vitest';
import { demoPeople } from '../../scripts/offline/demo-data.ts';
import type { WorkflowPort } from '../../shared/ports/index.ts';
import { bindPorts, port } from '../../shared/runtime.ts';
import { newCustomer } from '../fixtures.ts';
import { requestMail } from './approvals.ts';
import { testStack } from './stack.ts';

/** What the SDK raises when Step Functions does not answer within the client's request timeout. */
const timedOut = () =>
  Object.assign(
    new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 2000 ms requestTimeout.'),
    {
      name: 'TimeoutError',
    },
  );

describe('a decision Step Functions could not be told of', async () => {
  const stack = await testStack();
  const engine = port('workflows');
  /** Step Functions as seen through a network that fails the way `fault` says, for the next answer only. */
  const nextAnswer = (fault: 'unreachable' | 'answer-lost') => {
    const failing: WorkflowPort = {
      ...engine,
      sendTaskSuccess: async (token, output) => {
        bindPorts({ workflows: engine });
        if (fault === 'answer-lost') await engine.sendTaskSuccess(token, output); // it counted…
        throw timedOut(); // …but the answer never came back
      },
    };
    bindPorts({ workflows: failing });
  };
  let customers = 0;
  /** A new customer, waiting for its merchandiser's review (R10): the link of that request. */
  const reviewRequest = async () => {
    const code = String(500 + ++customers);
    const name = `Handover ${code} Ltd.`;
    const created = await stack.call('POST', '/customers', {
      as: { role: 'merchandiser', email: demoPeople.merchandiser },
      body: newCustomer({ code, name }),
    });
    await stack.settle();
    return { id: created.body.id as string, link: requestMail(stack, demoPeople.merchandiser, name).link, name };
  };
  const post = async (link: string, outcome: string, comment?: string) => {
    const response = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ outcome, ...(comment ? { comment } : {}) }).toString(),
    });
    const html = await response.text();
    await stack.settle();
    return { status: response.status, html };
  };
  const salesManagerAsked = (name: string) => {
    try {
      return Boolean(requestMail(stack, demoPeople.salesManager, name));
    } catch {
      return false;
    }
  };

  it('is undone, and the approver is asked to try again (503, zh-CN and en); the retry counts', async () => {
    const { link, name } = await reviewRequest();
    nextAnswer('unreachable');
    const failed = await post(link, 'approve');
    expect(failed.status).toBe(503);
    expect(failed.html).toContain('请稍后再试 Please try again');
    expect(failed.html).toContain('nothing was recorded. Open the link again in a moment');
    expect(salesManagerAsked(name)).toBe(false);

    const retried = await post(link, 'approve');
    expect(retried.status).toBe(200);
    expect(retried.html).toContain('已记录您的决定 Your decision is recorded');
    expect(retried.html).not.toContain('already counted');
    expect(salesManagerAsked(name)).toBe(true);
  });

  it('says the earlier decision counted when it reached the workflow but the answer was lost', async () => {
    const { id, link, name } = await reviewRequest();
    nextAnswer('answer-lost');
    expect((await post(link, 'approve')).status).toBe(503);
    expect(salesManagerAsked(name)).toBe(true); // the workflow went on: the decision had reached it

    // The approver, told to try again, does — even choosing otherwise: what counted is the first answer.
    const retried = await post(link, 'reject', 'Checklist incomplete after all');
    expect(retried.status).toBe(200);
    expect(retried.html).toContain('Your earlier decision had already counted');
    expect(retried.html).toContain('批准 Approved');
    const approvals = await stack.call('GET', `/approvals?subject=customer:${id}`, {
      as: { role: 'merchandiser', email: demoPeople.merchandiser },
    });
    const review = approvals.body.items.find((a: { assignee: string }) => a.assignee === demoPeople.merchandiser);
    expect(review).toMatchObject({ status: 'decided', decision: { outcome: 'approve', by: demoPeople.merchandiser } });
  });

  it('answers the API with a 503 problem when Step Functions cannot be told', async () => {
    const { id } = await reviewRequest();
    const approvals = await stack.call('GET', `/approvals?subject=customer:${id}`, {
      as: { role: 'merchandiser', email: demoPeople.merchandiser },
    });
    const pending = approvals.body.items.find((a: { status: string }) => a.status === 'pending');
    nextAnswer('unreachable');
    const failed = await stack.call('POST', `/approvals/${pending.id}/decision`, {
      as: { role: 'merchandiser', email: demoPeople.merchandiser },
      body: { outcome: 'approve' },
    });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
    expect(failed.body.detail).toContain('please try again');
    const again = await stack.call('GET', `/approvals/${pending.id}`, {
      as: { role: 'merchandiser', email: demoPeople.merchandiser },
    });
    expect(again.body.status).toBe('pending');
  });
});

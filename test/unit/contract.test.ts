import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { contractValidator } from '../../scripts/offline/contract.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';

const check = contractValidator(openApiDocument(routes));
const json = { 'content-type': 'application/json' };
const problem = { 'content-type': 'application/problem+json' };

describe('the contract check', () => {
  it("takes API Gateway's 401, with its challenge, as documented", () => {
    const answer = {
      method: 'POST',
      path: '/customers',
      status: 401,
      headers: { ...json, 'www-authenticate': 'Bearer' },
      body: '{"message":"Unauthorized"}',
    };
    expect(check(answer)).toEqual([]);
    expect(check({ ...answer, headers: problem, body: '{"title":"Unauthorized"}' })).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('media type application/problem+json') }),
    ]);
  });

  it('finds a body that breaks its schema, an undocumented status and an undocumented header', () => {
    const order = { method: 'GET', path: '/orders/ord_1', headers: json };
    expect(check({ ...order, status: 200, body: '{"id":"ord_1"}' })).toContainEqual(
      expect.objectContaining({ problem: expect.stringContaining("must have required property 'number'") }),
    );
    expect(check({ ...order, status: 418, body: '' })).toEqual([
      expect.objectContaining({ problem: 'status 418 not documented' }),
    ]);
    expect(
      check({
        ...order,
        status: 404,
        headers: { ...problem, 'x-secret': '1' },
        body: '{"type":"about:blank","title":"Not Found","status":404}',
      }),
    ).toEqual([expect.objectContaining({ problem: 'header x-secret not documented' })]);
  });

  it('takes the approval pages as HTML, their errors too, and skips the offline stack’s own pages', () => {
    const html = { 'content-type': 'text/html; charset=utf-8' };
    const link = `/approval-links/${'a'.repeat(43)}`;
    expect(check({ method: 'GET', path: link, status: 200, headers: html, body: '<!doctype html>' })).toEqual([]);
    expect(check({ method: 'POST', path: link, status: 410, headers: html, body: '<!doctype html>' })).toEqual([]);
    expect(check({ method: 'GET', path: '/_local/mail', status: 200, headers: html, body: '<p>' })).toEqual([]);
  });

  it('declares the replay header on idempotent routes', () => {
    const replay = {
      method: 'POST',
      path: '/customers',
      status: 409,
      headers: { ...problem, 'idempotent-replayed': 'true' },
      body: '{"type":"about:blank","title":"Conflict","status":409}',
    };
    expect(check(replay)).toEqual([expect.objectContaining({ problem: 'header idempotent-replayed not documented' })]);
  });

  it('takes a price of 4.8 as the multiple of 0.0001 it is, and still finds a fifth decimal', () => {
    const product = (usd: number) => ({
      method: 'GET',
      path: '/products/CZM09',
      status: 200,
      headers: { ...json, etag: '"1"' },
      body: JSON.stringify({
        code: 'CZM09',
        name: 'Handle',
        spec: '',
        type: 'P',
        unit: 'pc',
        prices: { CNY: 0.0003, USD: usd },
        minimumOrderQuantity: 1,
        active: true,
        version: 1,
        createdAt: '2026-12-01T00:00:00.000Z',
        createdBy: 'liu.yang@factory.example',
        updatedAt: '2026-12-01T00:00:00.000Z',
        updatedBy: 'liu.yang@factory.example',
      }),
    });
    expect(check(product(4.8))).toEqual([]);
    expect(check(product(4.80005))).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('prices/USD must be multiple of 0.0001') }),
    ]);
  });

  it('documents the file name a document answers with as a file', () => {
    const pdf = { 'content-type': 'application/pdf', 'content-disposition': 'inline; filename="QT2026120001.pdf"' };
    const answer = { method: 'GET', path: '/quotations/quo_1/document', status: 200, headers: pdf, body: '%PDF-1.7' };
    expect(check(answer)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  modulePoints,
  moduleWeights,
  surveyAnswers,
  surveyAverages,
  surveyForms,
  weightedScore,
} from '../../shared/domain/survey.ts';

const rated = (rating: string) =>
  Object.fromEntries(
    Object.entries(surveyForms).flatMap(([module, form]) => form.questions.map((q) => [`${module}.${q.key}`, rating])),
  );

describe('the satisfaction survey’s scoring (R43)', () => {
  it('gives each module 100 points and the weights 100 in all', () => {
    for (const form of Object.values(surveyForms)) {
      expect(form.questions.reduce((sum, q) => sum + q.points, 0)).toBe(100);
    }
    expect(Object.values(moduleWeights).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("earns a question's points × rating / 5, whole points a module", () => {
    expect(modulePoints('overall', { 'overall.price': 5, 'overall.delivery': 4, 'overall.use': 3 })).toBe(79);
    expect(modulePoints('quality', { 'quality.quality': 1, 'quality.safety': 2 })).toBe(30);
  });

  it('weights the modules into one score out of 100, to one decimal', () => {
    expect(weightedScore({ overall: 79, service: 80, quality: 100 })).toBe(87.7);
    expect(weightedScore({ overall: 100, service: 100, quality: 100 })).toBe(100);
    expect(weightedScore({ overall: 20, service: 20, quality: 20 })).toBe(20);
  });

  it('checks every answer is on the scale and suggestions are not too long, naming the field', () => {
    const answered = surveyAnswers({ ...rated('5'), 'service.suggestions': '  快一点  ' }, 'en');
    expect(answered).toEqual({
      answers: expect.objectContaining({
        modules: { overall: 100, service: 100, quality: 100 },
        suggestions: { service: '快一点' },
      }),
    });
    const refused = surveyAnswers(
      { ...rated('5'), 'overall.price': '0', 'quality.safety': '4.5', 'overall.suggestions': 'x'.repeat(1001) },
      'en',
    );
    expect(refused).toEqual({
      issues: [
        { field: 'overall.price', message: 'Choose from 1 to 5' },
        { field: 'overall.suggestions', message: 'Please keep it to 1000 characters' },
        { field: 'quality.safety', message: 'Choose from 1 to 5' },
      ],
    });
  });

  it("averages each customer's scores, best first", () => {
    expect(
      surveyAverages([
        { customerId: 'a', customerCode: '001', score: 80 },
        { customerId: 'b', customerCode: '002', score: 90 },
        { customerId: 'a', customerCode: '001', score: 85.5 },
      ]),
    ).toEqual([
      { customerId: 'b', customerCode: '002', answers: 1, average: 90 },
      { customerId: 'a', customerCode: '001', answers: 2, average: 82.8 },
    ]);
  });
});

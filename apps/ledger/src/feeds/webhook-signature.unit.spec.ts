import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, retryDelayMs, signWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  it('verify with the Standard Webhooks reference implementation', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ events: [{ id: 'e1' }] });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, 'msg_1', timestamp, body) };
    expect(new Webhook(secret).verify(body, headers)).toEqual({ events: [{ id: 'e1' }] });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('e1', 'e2'), headers)).toThrow();
  });

  it('back off exponentially, with jitter, up to a cap', () => {
    expect(retryDelayMs(1, () => 0.999)).toBe(499);
    expect(retryDelayMs(4, () => 0.999)).toBe(3996);
    expect(retryDelayMs(30, () => 0.999)).toBe(59_940);
    expect(retryDelayMs(3, () => 0)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { classifyRpcFrame, isRequestShapeComplaint } from '../../../../electron/core/feeds/rpc-frames.js';
import { wsUrlOf } from '../../../../electron/core/feeds/rpc-logs-feed.js';

describe('classifyRpcFrame', () => {
  it('reads the reply to logsSubscribe and a logsNotification', () => {
    expect(classifyRpcFrame('{"jsonrpc":"2.0","result":24040,"id":1}')).toEqual({ kind: 'result', id: 1, result: 24040 });
    const notification = {
      jsonrpc: '2.0',
      method: 'logsNotification',
      params: { result: { context: { slot: 5208469 }, value: { signature: 'sig', err: null, logs: ['Program x invoke [1]'] } }, subscription: 24040 },
    };
    expect(classifyRpcFrame(JSON.stringify(notification))).toEqual({
      kind: 'logs', subscription: 24040, value: { signature: 'sig', err: null, logs: ['Program x invoke [1]'] },
    });
  });

  it.each([
    // What providers send back for web3.js's {"method":"ping"}.
    ['{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid request"},"id":null}', -32600],
    ['{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":null}', -32601],
    ['{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}', -32700],
  ])('takes %s as an error reply that says nothing about our subscription', (text, code) => {
    const frame = classifyRpcFrame(text);
    expect(frame).toMatchObject({ kind: 'error', id: null, code });
    expect(frame.kind === 'error' && isRequestShapeComplaint(frame)).toBe(true);
  });

  it('keeps other error replies meaningful: one to our request, an id-less rate limit', () => {
    const ours = classifyRpcFrame('{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":1}');
    expect(ours.kind === 'error' && isRequestShapeComplaint(ours)).toBe(false);
    const limit = classifyRpcFrame('{"jsonrpc":"2.0","error":{"code":429,"message":"Too many requests for a specific RPC call"},"id":null}');
    expect(limit.kind === 'error' && isRequestShapeComplaint(limit)).toBe(false);
  });

  it.each(['null', '{nope', '[1,2]', '{"jsonrpc":"2.0"}', '{"method":"logsNotification","params":null}', '{"error":"x","id":1}'])(
    'calls %s bad',
    (text) => {
      expect(classifyRpcFrame(text).kind).toBe('bad');
    },
  );
});

describe('wsUrlOf', () => {
  it('derives the socket as web3.js does: ws(s) on the same host, an explicit port + 1', () => {
    expect(wsUrlOf('https://mainnet.helius-rpc.com/?api-key=k')).toBe('wss://mainnet.helius-rpc.com/?api-key=k');
    expect(wsUrlOf('http://127.0.0.1:8899')).toBe('ws://127.0.0.1:8900/');
  });
});

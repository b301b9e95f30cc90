// The part of @opentelemetry/api the README's bridge uses, recording the spans it starts.

export const SpanKind = { INTERNAL: 0, SERVER: 1, CLIENT: 2 } as const;
export const SpanStatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;

export interface Span {
  setAttribute(key: string, value: unknown): Span;
  setStatus(status: { code: number; message?: string }): Span;
  end(): void;
}

export interface RecordedSpan {
  name: string;
  kind: number | undefined;
  attributes: Record<string, unknown>;
  status: { code: number; message?: string } | undefined;
  ended: boolean;
}

export const recordedSpans: RecordedSpan[] = [];

export const trace = {
  getTracer: (_name: string) => ({
    startSpan(name: string, options: { kind?: number; attributes?: Record<string, unknown> } = {}): Span {
      const recorded: RecordedSpan = { name, kind: options.kind, attributes: { ...options.attributes }, status: undefined, ended: false };
      recordedSpans.push(recorded);
      const span: Span = {
        setAttribute: (key, value) => ((recorded.attributes[key] = value), span),
        setStatus: (status) => ((recorded.status = status), span),
        end: () => void (recorded.ended = true),
      };
      return span;
    },
  }),
};

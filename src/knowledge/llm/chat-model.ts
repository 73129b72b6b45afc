// Port: one chat completion from an OpenAI-compatible model (OpenAI, vLLM, Ollama…), or a fake in tests.

export interface ChatRequest {
  system: string;
  user: string;
  maxTokens: number;
  /** Aborts the request (the writer's timeout). */
  signal?: AbortSignal | undefined;
}

/** A chat model that returns the whole reply text (streaming is not needed for short answers). */
export interface ChatModel {
  readonly model: string;
  complete(request: ChatRequest): Promise<string>;
}

// Public face of answer writing: the extractive writer (default, no model) and its fixed phrases.
export { createExtractiveWriter, type ExtractiveWriterOptions } from './extractive-writer.js';
export { type AddressForm, emptyQuestionMessage, notFoundMessage, tooLongMessage } from './messages.js';

/**
 * The native Responses stream's tap is the Responses stream reader without a sink (as for Chat and
 * Messages): one parser of Responses events, whether the stream is relayed or translated.
 */
export { ResponsesStreamReader as ResponsesStreamTap } from './stream-reader.js';

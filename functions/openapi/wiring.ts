/** The OpenAPI context: the document needs no adapter and no configuration; it is built once per cold start. */
import { openApiDocument } from './document';

export const apiDocument = () => openApiDocument();

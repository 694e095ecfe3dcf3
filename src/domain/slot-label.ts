/**
 * How a model slot reads on screen and in model names: a home type with spaces ("single family house"), or
 * the global model's label. The training view, the model registry and stored model names all used their own
 * copy; they differ only in what the global slot is called, so that is the one parameter.
 */
export function slotLabel(slot: string, globalLabel = 'global'): string {
  return slot === 'global' ? globalLabel : slot.replace(/_/g, ' ');
}

/** The output folder cannot be written safely: a sentence for the user, nothing was changed. */
export class OutputRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputRefusal";
  }
}

export async function echo(input: string): Promise<string> {
  return input;
}

// The parts of the untyped `radius` package (1.1.4) Lunas uses.
declare module 'radius' {
  interface RadiusPacket {
    code: string;
    identifier: number;
    length: number;
    authenticator: Buffer;
    attributes: Record<string, unknown>;
    raw_attributes: Array<[number, Buffer]>;
  }
  interface EncodeArgs {
    code: string;
    secret: string;
    identifier?: number;
    authenticator?: Buffer;
    attributes?: unknown[];
    add_message_authenticator?: boolean;
  }
  const radius: {
    add_dictionary(file: string): void;
    encode(args: EncodeArgs): Buffer;
    encode_response(args: { packet: RadiusPacket; code: string; secret: string; attributes?: unknown[] }): Buffer;
    decode(args: { packet: Buffer; secret: string }): RadiusPacket;
    decode_without_secret(args: { packet: Buffer }): RadiusPacket;
    verify_response(args: { request: Buffer; response: Buffer; secret: string }): boolean;
  };
  export default radius;
}

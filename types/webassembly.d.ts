// TypeScript keeps the WebAssembly namespace in lib.dom, which Node code must not load; these
// are the few members main-process code uses (Node has them at runtime).
declare namespace WebAssembly {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Module {}
  function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
  function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
}

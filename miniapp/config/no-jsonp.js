// Stands in for jsonp-retry, the JSONP client Taro's H5 request imports for `jsonp: true` (see config/index.ts).
// The app never asks for JSONP; if something does, it fails loudly instead of loading a script.
export default function jsonpUnsupported() {
  return Promise.reject(new Error('JSONP is not part of this build (miniapp/config/no-jsonp.js)'));
}

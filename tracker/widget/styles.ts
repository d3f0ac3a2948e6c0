// The widget's only styles, inside its shadow root: the host page's rules cannot reach in (and the
// host element is a custom tag no page selector names), these cannot leak out. `all: initial` on the
// host stops inherited fonts, colours and line heights from the page. Colours meet WCAG AA contrast.
// Kept on few lines: every byte counts against the 5 KB budget.
export const CSS =
  ":host{all:initial}*{box-sizing:border-box;font:15px/1.4 system-ui,sans-serif;color:#111}" +
  ".bg,.corner{position:fixed;z-index:2147483647}.bg{inset:0;background:#0008;display:flex;align-items:center;justify-content:center}" +
  ".box{background:#fff;border-radius:8px;padding:20px 24px;width:min(420px,100vw - 24px);max-height:90vh;overflow:auto;box-shadow:0 8px 32px #0004;animation:i .25s}" +
  ".corner{right:12px;bottom:12px}.inline{position:relative;width:auto;max-width:520px;box-shadow:none;border:1px solid #ccc}" +
  ".bg .box{position:relative}h2{font-size:20px;font-weight:700;margin:0 24px 8px 0}p{margin:0 0 8px}" +
  ".x{position:absolute;top:8px;right:8px;border:0;font-size:20px}" +
  "label{display:block;font-weight:600;margin-top:12px}" +
  "input,select{display:block;width:100%;margin-top:4px;padding:8px;border:1px solid #767676;border-radius:4px;background:#fff}" +
  ".ck{display:flex;gap:8px;font-weight:400}.ck input{width:auto;margin:2px 0 0}" +
  "[aria-invalid=true]{border-color:#b91c1c}.er{color:#b91c1c;font-size:13px;margin:4px 0 0}" +
  "button{cursor:pointer;border-radius:4px;padding:10px 16px;border:1px solid #1d4ed8;background:#fff;color:#1d4ed8}" +
  ".go{width:100%;margin-top:16px;background:#1d4ed8;color:#fff}a{color:#1d4ed8}" +
  ".hp{position:absolute;left:-9999px}.code{font:700 18px monospace}" +
  ".log{display:flex;flex-direction:column;gap:6px;max-height:320px;overflow:auto}" +
  ".log p{margin:0;padding:6px 10px;border-radius:12px;background:#eef2ff;align-self:flex-start}" +
  ".log .visitor{background:#1d4ed8;color:#fff;align-self:flex-end}" +
  ".ctl{display:flex;flex-wrap:wrap;gap:6px;margin-top:12px}.ctl input{flex:1;margin:0;min-width:150px}" +
  "@keyframes i{from{opacity:0;transform:translateY(16px)}}" +
  "@media (prefers-reduced-motion:reduce){*{animation:none!important}}";

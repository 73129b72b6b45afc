// The console's one stylesheet, served at /admin/console.css: plain CSS, readable on a phone and a weak office PC.
export const CONSOLE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f5f6f8}
a{color:#0b57d0}
header.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;background:#0f3d6e;color:#fff}
header.top a{color:#fff;font-weight:600;text-decoration:none}
header.top form{display:inline}
header.top button{background:transparent;border:1px solid #fff;color:#fff;padding:.25rem .7rem;border-radius:4px}
nav.console-nav{display:flex;gap:1rem;flex-wrap:wrap;padding:.5rem 1rem;background:#e8eef5;border-bottom:1px solid #c9d6e3}
nav.console-nav a{font-weight:600}
main{max-width:1200px;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}
h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
.card>h2:first-child,.card>h2:first-of-type{margin-top:0}
.card{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:1rem;margin-bottom:1rem}
.narrow{max-width:420px;margin:3rem auto}
label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input,select,textarea,button{font:inherit}
input[type=text],input[type=password],input[type=search],input[type=number],select,textarea{width:100%;padding:.45rem .5rem;border:1px solid #9aa4b0;border-radius:4px;background:#fff}
textarea{min-height:7rem}
button,.button{display:inline-block;margin-top:.7rem;padding:.5rem 1rem;border:0;border-radius:4px;background:#0b57d0;color:#fff;font-weight:600;cursor:pointer;text-decoration:none}
button.secondary{background:#5f6b7a}
.error{background:#fde8e8;border:1px solid #e0a0a0;color:#8a1111;padding:.6rem .8rem;border-radius:4px;margin-bottom:1rem}
.notice{background:#e7f3e9;border:1px solid #9ccaa6;color:#1d5b2c;padding:.6rem .8rem;border-radius:4px;margin-bottom:1rem}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.2rem .8rem;align-items:end}
.filters label{font-weight:500;font-size:.9rem}
.filters .check{display:flex;gap:.4rem;align-items:center;margin-top:1.4rem}
.filters .check input{width:auto}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e3e7ec;vertical-align:top}
th{font-size:.85rem;color:#4a5562}
tr.overdue td{background:#fff0f0}
.overdue-text{color:#b00020;font-weight:700}
.muted{color:#5f6b7a;font-size:.9rem}
.tag{display:inline-block;padding:0 .4rem;border-radius:3px;background:#e8edf3;font-size:.8rem;margin-right:.25rem}
.tag.bad{background:#fde8e8;color:#8a1111}
.pager{display:flex;gap:1rem;margin:1rem 0}
.conversation p{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
.bubble{border-left:3px solid #9aa4b0;padding:.3rem .7rem;margin:.5rem 0;background:#fafbfc}
.bubble.officer{border-color:#0b57d0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{font-weight:600;color:#4a5562}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1rem}
ul.history{padding-left:1.1rem;font-size:.9rem}
@media (max-width:700px){
  table.inbox thead{display:none}
  table.inbox tr{display:block;border-bottom:1px solid #d8dde3;padding:.4rem 0}
  table.inbox td{display:block;border:0;padding:.15rem .5rem}
  table.inbox td[data-label]::before{content:attr(data-label) ": ";color:#5f6b7a;font-size:.85rem}
  dl.facts{grid-template-columns:1fr}
  dl.facts dt{margin-top:.4rem}
}
`;

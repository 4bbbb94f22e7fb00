// The one inline script (progressive enhancement: the page is complete without it). Kept as
// plain ES5-ish text so the CSP hash is computed over exactly what ships.

/** Client-side behaviour: lighting, keyboard navigation, open/close all, copy buttons. */
export const SCRIPT = `(function(){
"use strict";
var d=document,lit=[];
d.documentElement.classList.add("js");
function clear(){for(var i=0;i<lit.length;i++)lit[i].classList.remove("lit");lit=[];}
function on(el){el.classList.add("lit");lit.push(el);}
function cellOf(el){while(el&&!(el.hasAttribute&&el.hasAttribute("data-cell")))el=el.parentElement;return el;}
function keysOf(row){var ks={};ks[row.getAttribute("data-k")]=1;
 if(row.tagName==="SUMMARY"){var rs=row.parentElement.querySelectorAll(".row[data-k]");for(var i=0;i<rs.length;i++)ks[rs[i].getAttribute("data-k")]=1;}return ks;}
function lightBytes(cell,ks){var bs=cell.querySelectorAll(".b[data-k],.dl[data-k]");for(var i=0;i<bs.length;i++)if(ks[bs[i].getAttribute("data-k")])on(bs[i]);}
function fromRow(row){var cell=cellOf(row);if(!cell)return;clear();on(row);lightBytes(cell,keysOf(row));}
function fromByte(b){var cell=cellOf(b);if(!cell)return;var k=b.getAttribute("data-k");clear();
 var rows=cell.querySelectorAll('.row[data-k="'+k+'"]');for(var i=0;i<rows.length;i++)on(rows[i]);var o={};o[k]=1;lightBytes(cell,o);}
function target(e){var t=e.target;if(!t||!t.closest)return null;return t.closest(".row[data-k],.b[data-k],.dl[data-k]");}
function addCopy(row){var c=row.querySelector(".nm>code.flt");if(!c||(c.nextElementSibling&&c.nextElementSibling.classList.contains("copy")))return;
 var f=c.getAttribute("data-f")||c.textContent,b=d.createElement("button");b.type="button";b.className="copy";b.setAttribute("data-copy",f);b.title="copy display filter: "+f;b.textContent="copy";c.parentNode.insertBefore(b,c.nextSibling);}
function act(e){var t=target(e);if(!t)return;if(t.classList.contains("row")){addCopy(t);fromRow(t);}else fromByte(t);}
d.addEventListener("mouseover",act);d.addEventListener("focusin",act);
d.addEventListener("mouseleave",clear);
function rowsOf(cell){var all=cell.querySelectorAll(".ftable .row[data-k]"),out=[];for(var i=0;i<all.length;i++)if(all[i].offsetParent!==null)out.push(all[i]);return out;}
d.addEventListener("keydown",function(e){var t=e.target;if(!t||!t.classList||!t.classList.contains("row"))return;
 var cell=cellOf(t);if(!cell)return;var rs=rowsOf(cell),i=rs.indexOf(t);
 if(e.key==="ArrowDown"&&i+1<rs.length){rs[i+1].focus();e.preventDefault();}
 else if(e.key==="ArrowUp"&&i>0){rs[i-1].focus();e.preventDefault();}
 else if(e.key==="ArrowRight"&&t.tagName==="SUMMARY"){t.parentElement.open=true;e.preventDefault();}
 else if(e.key==="ArrowLeft"&&t.tagName==="SUMMARY"){t.parentElement.open=false;e.preventDefault();}});
function all(open){var ds=d.querySelectorAll("details");for(var i=0;i<ds.length;i++)ds[i].open=open;}
var tb=d.querySelectorAll(".toolbar,.copy");for(var i=0;i<tb.length;i++)tb[i].hidden=false;
d.addEventListener("click",function(e){var t=e.target;if(!t||!t.closest)return;var b=t.closest("button");if(!b)return;
 var a=b.getAttribute("data-act");if(a==="open")all(true);else if(a==="close")all(false);
 var c=b.getAttribute("data-copy");if(c!==null){copy(c,b);}});
function copied(b){var old=b.textContent;b.textContent="copied";setTimeout(function(){b.textContent=old;},1200);}
function copy(text,b){if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(text).then(function(){copied(b);},function(){fallback(text,b);});}else fallback(text,b);}
function fallback(text,b){var ta=d.createElement("textarea");ta.value=text;d.body.appendChild(ta);ta.select();try{d.execCommand("copy");copied(b);}catch(_){}d.body.removeChild(ta);}
function reveal(){var id=decodeURIComponent(location.hash.slice(1));var el=id&&d.getElementById(id);while(el){if(el.tagName==="DETAILS")el.open=true;el=el.parentElement;}}
window.addEventListener("hashchange",reveal);reveal();
window.addEventListener("beforeprint",function(){all(true);});
})();`;

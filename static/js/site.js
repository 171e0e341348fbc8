// Progressive enhancement only: every page works without this file.
// Close the "My account" menu (a <details>) on Escape or a click elsewhere.
(() => {
  const menus = () => document.querySelectorAll("details.account-menu[open]");
  document.addEventListener("click", (event) => {
    for (const menu of menus()) {
      if (!menu.contains(event.target)) menu.open = false;
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const menu of menus()) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();

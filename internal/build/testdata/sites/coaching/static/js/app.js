// Marks the page as scripted.
document.documentElement.className = "js" ;

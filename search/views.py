from django.shortcuts import render


def search(request):
    """The search page; the full implementation arrives with the search issue."""
    query = request.GET.get("q", "").strip()
    return render(request, "search/search.html", {"query": query, "results": []})

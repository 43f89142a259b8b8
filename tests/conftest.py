import pytest

from helpers import Project, site_pages


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real content/ built once into a temporary folder: (output path, BuildResult, pages)."""
    project = Project(tmp_path_factory.mktemp("real"), with_real_content=True)
    result = project.build()
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    return result.output, result, site_pages(result.output)


@pytest.fixture
def project(tmp_path):
    """An empty project (data and schema copied) to write content into."""
    return Project(tmp_path)

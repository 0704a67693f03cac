"""The financing calculator as a LangChain tool: standard tool tests plus values and errors."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool, StructuredTool
from langchain_tests.unit_tests import ToolsUnitTests

import assistant.tools as tools
from assistant.tools import FINANCING_TOOL_NAME, FinancingToolInput, make_financing_tool
from tests.test_financing_profile import corpus_registry

EXAMPLE = {"sector": "social profit", "behaald": 2, "totaal": 3}


class TestFinancingToolStandard(ToolsUnitTests):
    @property
    def tool_constructor(self) -> BaseTool:
        return make_financing_tool(corpus_registry())

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return dict(EXAMPLE)


@pytest.fixture(scope="module")
def tool() -> StructuredTool:
    return make_financing_tool(corpus_registry())


def test_public_api() -> None:
    assert sorted(tools.__all__) == ["FINANCING_TOOL_NAME", "FinancingToolInput", "make_financing_tool"]


def test_schema_and_dutch_description(tool: StructuredTool) -> None:
    assert tool.name == FINANCING_TOOL_NAME
    assert tool.args_schema is FinancingToolInput
    assert "resultaatsverbintenissen" in tool.description and "reken nooit zelf" in tool.description
    props = tool.tool_call_schema.model_json_schema()["properties"]
    assert {"sector", "generatie", "subsidie", "verdeling", "behaald", "totaal", "vte", "afwezig_dagen", "a_rato", "drempel"} <= set(props)
    assert props["behaald"]["description"] == "Aantal behaalde resultaatsverbintenissen."


def test_invoke_returns_dutch_text(tool: StructuredTool) -> None:
    text = tool.invoke(EXAMPLE)
    assert "Resultaatsfinanciering: € 148.400,00" in text
    assert "Inspanningsfinanciering: € 519.400,00" in text


def test_tool_call_carries_the_structured_result_as_artifact(tool: StructuredTool) -> None:
    message = tool.invoke({"type": "tool_call", "id": "c1", "name": FINANCING_TOOL_NAME, "args": EXAMPLE})
    assert isinstance(message, ToolMessage)
    assert message.artifact["amounts"]["resultaatsfinanciering"] == {"value": "148400.00", "formatted": "€ 148.400,00"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"subsidie": "300.000", "verdeling": "70/30", "behaald": 4, "totaal": 8}, "€ 45.000,00"),
        ({"generatie": "2021-2022", "vte": 3}, "€ 147.000,00"),
        ({"sector": "social profit", "afwezig_dagen": 30}, "€ 4.350,21"),
        ({"sector": "social profit", "behaald": 1, "totaal": 3, "gevraagd": ["resultaatsfinanciering"]}, "Resultaatsfinanciering: € 0,00"),
    ],
)
def test_pinned_results_through_the_tool(tool: StructuredTool, args: dict[str, Any], expected: str) -> None:
    assert expected in tool.invoke(args)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"sector": "bouw", "behaald": 1}, "onbekende sector 'bouw'"),
        ({"subsidie": "abc", "verdeling": "70/30"}, "subsidie 'abc' is geen getal"),
        ({"subsidie": -5, "verdeling": "70/30"}, "subsidie -5 mag niet negatief zijn"),
        ({"sector": "social profit", "behaald": 4, "totaal": 3}, "4 is groter dan het totaal 3"),
        ({"sector": "social profit", "afwezig_dagen": 1000}, "1000 is langer dan de looptijd van 731 dagen"),
    ],
)
def test_bad_input_is_returned_as_a_message_not_raised(tool: StructuredTool, args: dict[str, Any], message: str) -> None:
    text = tool.invoke(args)
    assert text.startswith("Berekening niet mogelijk: ")
    assert message in text


def test_tool_error_is_marked_in_tool_message(tool: StructuredTool) -> None:
    message = tool.invoke({"type": "tool_call", "id": "c2", "name": FINANCING_TOOL_NAME, "args": {"sector": "bouw"}})
    assert isinstance(message, ToolMessage) and message.status == "error"

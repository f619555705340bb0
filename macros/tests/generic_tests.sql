{#
    Generic data tests of this project (no hub packages here). Each returns
    the offending rows; zero rows passes.
#}

{# column_name must not exceed upper_column on rows where both are set. #}
{% test not_above(model, column_name, upper_column) %}
    select *
    from {{ model }}
    where {{ column_name }} > {{ upper_column }}
{% endtest %}

{# Non-NULL values must lie in [min_value, max_value]. #}
{% test value_between(model, column_name, min_value, max_value) %}
    select *
    from {{ model }}
    where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}
{% endtest %}

{#
    A column is NULL exactly when its provenance column is NULL: every value
    has a method, and no method stands beside a missing value.
#}
{% test has_method_iff_value(model, column_name, method_column) %}
    select *
    from {{ model }}
    where ({{ column_name }} is null) <> ({{ method_column }} is null)
{% endtest %}

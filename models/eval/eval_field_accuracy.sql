{#
    How well each method decides each field, against each label source
    (int_eval__labels): one row per label source, source, field, method and
    class — class 'all' for the field as a whole, plus one row per label
    value for job_family and seniority; source 'all' for every posting, plus
    one row per posting source (board or real-postings file) of class 'all'.
    - labeled_rows: postings that state the field (for class rows: whose
      label is that class);
    - decided_rows: postings where the method gave a value (class rows:
      gave that class);
    - correct_rows: decided and equal to the label (salary fields: exact
      match, cents);
    - coverage = decided rows that state the field / labeled_rows;
    - precision = correct / decided; recall = correct / labeled; f1.
#}
{{ config(tags=['eval']) }}

with

labels as (

    select * from {{ ref('int_eval__labels') }}

),

predictions as (

    select * from {{ ref('int_eval__predictions') }}

),

methods as (

    select m.method from (values ('rules'), ('model'), ('llm'), ('cascade')) as m (method)

),

scored as (

    select
        labels.label_source,
        labels.source,
        labels.field,
        methods.method,
        labels.expected,
        labels.stated,
        predictions.predicted,
        predictions.posting_id is not null as decided,
        predictions.posting_id is not null
            and coalesce(
                predictions.predicted = labels.expected,
                predictions.predicted is null and labels.expected is null
            ) as correct
    from labels
    cross join methods
    left join predictions
        on labels.posting_id = predictions.posting_id
        and labels.field = predictions.field
        and methods.method = predictions.method

),

overall as (

    -- the field as a whole, over every source and per source (board, or
    -- for real postings the file they came from)
    select
        label_source,
        'all' as source,
        field,
        method,
        'all' as class,
        count_if(stated) as labeled_rows,
        count_if(decided) as decided_rows,
        count_if(correct) as correct_rows,
        count_if(decided and stated) as decided_stated_rows
    from scored
    group by label_source, field, method

    union all

    select
        label_source,
        coalesce(source, '(none)') as source,
        field,
        method,
        'all' as class,
        count_if(stated) as labeled_rows,
        count_if(decided) as decided_rows,
        count_if(correct) as correct_rows,
        count_if(decided and stated) as decided_stated_rows
    from scored
    group by label_source, source, field, method

),

per_class as (

    select
        label_source,
        'all' as source,
        field,
        method,
        class,
        count_if(expected = class) as labeled_rows,
        count_if(decided and predicted = class) as decided_rows,
        count_if(correct and expected = class) as correct_rows,
        count_if(decided and expected = class) as decided_stated_rows
    from scored
    cross join lateral (
        select unnest(
            case field
                when 'job_family' then ['Software Engineering', 'Data Science',
                                        'Product Management', 'Other']
                when 'seniority' then ['Entry', 'Mid', 'Senior']
                else []
            end
        ) as class
    ) as classes
    group by label_source, field, method, class

),

final as (

    select
        label_source,
        source,
        field,
        method,
        class,
        labeled_rows,
        decided_rows,
        correct_rows,
        round(decided_stated_rows / nullif(labeled_rows, 0), 4) as coverage,
        round(correct_rows / nullif(decided_rows, 0), 4) as precision,
        round(correct_rows / nullif(labeled_rows, 0), 4) as recall,
        round(2 * correct_rows / nullif(decided_rows + labeled_rows, 0), 4) as f1
    from (
        select * from overall
        union all
        select * from per_class
    ) as metrics

)

select * from final

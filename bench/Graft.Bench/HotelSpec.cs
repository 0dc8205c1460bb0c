namespace Graft.Bench;

/// <summary>The hotel cancellations use case, trained on arrivals to 2016 and tested on 2017.</summary>
internal static class HotelSpec
{
    public const string Yaml = """
        id: hotel-cancellations
        title: Hotel cancellations
        task: binary
        target: { column: is_canceled, positive: "1" }
        timestamp: { year: arrival_date_year, month: arrival_date_month, day: arrival_date_day_of_month }
        exclude: [reservation_status, reservation_status_date]
        split: { kind: time, test_from: 2017-01-01 }
        rule: "deposit_type == 'Non Refund' or lead_time > 200"
        trainers: [lightgbm]
        """;
}
